// kindsim public API. Every export is listed here explicitly.
export {};
