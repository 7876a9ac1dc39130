// corpus: renders "Ship it"
// Written for a project whose components live one folder up (`src/App.tsx` beside `components/`):
// the kit serves the paths although they point above the app's root.
import { Button } from "../components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "../components/ui/card";
import { cn } from "../lib/utils";

export default function App() {
  const ready = true;
  return (
    <Card className="m-8 max-w-sm">
      <CardHeader>
        <CardTitle>Release checklist</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className={cn("text-sm", ready ? "text-green-600" : "text-muted-foreground")}>All checks passed.</p>
        <Button className="w-full">Ship it</Button>
      </CardContent>
    </Card>
  );
}
