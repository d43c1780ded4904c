import "server-only";

export const secretThing = 1;
