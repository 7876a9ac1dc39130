// corpus: rejected import-blocked
// HTTP goes through the host: axios is blocked with SandboxAPI.fetch as the way to go.
import { useEffect, useState } from "react";
import axios from "axios";

export default function Users() {
  const [users, setUsers] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    axios.get("https://jsonplaceholder.typicode.com/users").then((r) => setUsers(r.data));
  }, []);
  return <ul>{users.map((u) => <li key={u.id}>{u.name}</li>)}</ul>;
}
