import path from "node:path";

/**
 * Where `next build` writes its BUILD_ID: the build folder is NEXT_DIST_DIR when set (as
 * next.config.ts reads it), else .next. `npm start` builds only when this file is missing.
 */
export function buildIdPath(root, env) {
  return path.join(root, env.NEXT_DIST_DIR || ".next", "BUILD_ID");
}
