// corpus: renders "Notification settings"
import { useState } from "react";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { Label } from "@/components/ui/label";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { toast } from "sonner";
import { Toaster } from "@/components/ui/sonner";

const OPTIONS = [
  { id: "comments", label: "Comments", description: "When someone replies to your post." },
  { id: "mentions", label: "Mentions", description: "When someone @mentions you." },
  { id: "digest", label: "Weekly digest", description: "A summary of activity every Monday." },
];

export default function SettingsPage() {
  const [enabled, setEnabled] = useState<Record<string, boolean>>({ comments: true, mentions: true, digest: false });
  const [channel, setChannel] = useState("email");

  return (
    <div className="mx-auto max-w-xl p-8">
      <Card>
        <CardHeader>
          <CardTitle>Notification settings</CardTitle>
          <CardDescription>Choose what we tell you about, and how.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {OPTIONS.map((o, i) => (
            <div key={o.id}>
              {i > 0 && <Separator className="mb-4" />}
              <div className="flex items-center justify-between gap-4">
                <div className="space-y-0.5">
                  <Label htmlFor={o.id}>{o.label}</Label>
                  <p className="text-sm text-muted-foreground">{o.description}</p>
                </div>
                <Switch id={o.id} checked={enabled[o.id]} onCheckedChange={(v) => setEnabled({ ...enabled, [o.id]: v })} />
              </div>
            </div>
          ))}
          <Separator />
          <div className="flex items-center justify-between">
            <Label>Deliver by</Label>
            <Select value={channel} onValueChange={setChannel}>
              <SelectTrigger className="w-40">
                <SelectValue placeholder="Channel" />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="email">Email</SelectItem>
                <SelectItem value="push">Push</SelectItem>
                <SelectItem value="sms">SMS</SelectItem>
              </SelectContent>
            </Select>
          </div>
        </CardContent>
        <CardFooter className="justify-end">
          <Button onClick={() => toast.success("Preferences saved")}>Save preferences</Button>
        </CardFooter>
      </Card>
      <Toaster />
    </div>
  );
}
