import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { ROLE_HOME } from "@/lib/roles";

/** "/" is where sign-in lands: each role goes on to its own work (lib/roles.ts ROLE_HOME). */
export default async function Home() {
  const user = await requirePageUser();
  redirect(ROLE_HOME[user.role]);
}
