import { Trash2 } from "lucide-react";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { initials, lastSeen } from "../lib/format";
import type { Contact } from "../hooks/useContacts";

export function ContactList({ contacts, onRemove }: { contacts: Contact[]; onRemove: (id: string) => void }) {
  return (
    <div className="space-y-2">
      {contacts.map((c) => (
        <Card key={c.id} className="flex items-center gap-3 p-3">
          <div className="flex h-10 w-10 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground">
            {initials(c.name)}
          </div>
          <div className="flex-1">
            <p className="font-medium">{c.name}</p>
            <p className="text-xs text-muted-foreground">
              {c.company} · {lastSeen(c.lastContacted)}
            </p>
          </div>
          <Button variant="ghost" size="icon" onClick={() => onRemove(c.id)} aria-label={`Remove ${c.name}`}>
            <Trash2 className="h-4 w-4" />
          </Button>
        </Card>
      ))}
    </div>
  );
}
