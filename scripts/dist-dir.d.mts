export function buildIdPath(root: string, env: Record<string, string | undefined>): string;
