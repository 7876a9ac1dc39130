import { useState } from "react";
import { Input } from "./ui/input";
import { Button } from "./ui/button";
import { Label } from "./ui/label";

export function ContactForm({ onAdd }: { onAdd: (c: { name: string; company: string; lastContacted: string }) => void }) {
  const [name, setName] = useState("");
  const [company, setCompany] = useState("");
  return (
    <form
      className="space-y-3 rounded-lg border p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name) return;
        onAdd({ name, company, lastContacted: new Date().toISOString().slice(0, 10) });
        setName("");
        setCompany("");
      }}
    >
      <h2 className="font-semibold">New contact</h2>
      <div className="space-y-1">
        <Label htmlFor="n">Name</Label>
        <Input id="n" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="c">Company</Label>
        <Input id="c" value={company} onChange={(e) => setCompany(e.target.value)} />
      </div>
      <Button type="submit" className="w-full">Save</Button>
    </form>
  );
}
