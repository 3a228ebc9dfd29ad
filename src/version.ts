/** The kindsim version written into every manifest. */
export const VERSION = "0.1.0";
