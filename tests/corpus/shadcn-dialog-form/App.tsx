// corpus: renders "Team members"
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { UserPlus } from "lucide-react";

type Member = { name: string; email: string; role: string };

export default function TeamMembers() {
  const [members, setMembers] = useState<Member[]>([
    { name: "Sofia Davis", email: "sofia@example.com", role: "Owner" },
    { name: "Jackson Lee", email: "jackson@example.com", role: "Member" },
  ]);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Member>({ name: "", email: "", role: "Member" });

  return (
    <div className="mx-auto max-w-lg space-y-4 p-8">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Team members</h1>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button size="sm"><UserPlus className="mr-2 h-4 w-4" /> Invite</Button>
          </DialogTrigger>
          <DialogContent className="sm:max-w-[425px]">
            <DialogHeader>
              <DialogTitle>Invite a teammate</DialogTitle>
              <DialogDescription>They will get an email with a link to join.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-4 py-4">
              <div className="grid grid-cols-4 items-center gap-4">
                <Label htmlFor="name" className="text-right">Name</Label>
                <Input id="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} className="col-span-3" />
              </div>
              <div className="grid grid-cols-4 items-center gap-4">
                <Label htmlFor="email" className="text-right">Email</Label>
                <Input id="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} className="col-span-3" />
              </div>
              <RadioGroup value={form.role} onValueChange={(role) => setForm({ ...form, role })} className="flex gap-4 pl-2">
                {["Member", "Admin"].map((r) => (
                  <div key={r} className="flex items-center space-x-2">
                    <RadioGroupItem value={r} id={r} />
                    <Label htmlFor={r}>{r}</Label>
                  </div>
                ))}
              </RadioGroup>
              <Textarea placeholder="Add a personal note (optional)" />
            </div>
            <DialogFooter>
              <Button
                onClick={() => {
                  setMembers([...members, form]);
                  setForm({ name: "", email: "", role: "Member" });
                  setOpen(false);
                }}
              >
                Send invite
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </div>
      <ul className="divide-y rounded-lg border">
        {members.map((m) => (
          <li key={m.email} className="flex items-center gap-3 p-3">
            <Avatar><AvatarFallback>{m.name.split(" ").map((p) => p[0]).join("")}</AvatarFallback></Avatar>
            <div className="flex-1">
              <p className="text-sm font-medium">{m.name}</p>
              <p className="text-xs text-muted-foreground">{m.email}</p>
            </div>
            <span className="text-xs text-muted-foreground">{m.role}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
