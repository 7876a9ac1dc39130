// corpus: renders "Simple pricing"
import { useState } from "react";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardFooter, CardHeader, CardTitle, CardDescription } from "@/components/ui/card";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { cn } from "@/lib/utils";

const tiers = [
  { name: "Starter", monthly: 0, features: ["1 project", "Community support"], cta: "Get started" },
  { name: "Pro", monthly: 19, features: ["Unlimited projects", "Priority support", "Custom domain"], cta: "Start trial", popular: true },
  { name: "Team", monthly: 49, features: ["Everything in Pro", "SSO", "Audit log"], cta: "Contact sales" },
];

export default function Pricing() {
  const [period, setPeriod] = useState("monthly");
  const yearly = period === "yearly";
  return (
    <section className="bg-background py-16">
      <div className="mx-auto max-w-5xl px-4 text-center">
        <h2 className="text-4xl font-bold tracking-tight">Simple pricing</h2>
        <p className="mt-3 text-muted-foreground">Pay monthly, or save 20% yearly.</p>
        <ToggleGroup type="single" value={period} onValueChange={(v) => v && setPeriod(v)} className="mt-6 justify-center">
          <ToggleGroupItem value="monthly">Monthly</ToggleGroupItem>
          <ToggleGroupItem value="yearly">Yearly</ToggleGroupItem>
        </ToggleGroup>
        <div className="mt-10 grid gap-6 md:grid-cols-3">
          {tiers.map((t) => (
            <Card key={t.name} className={cn("text-left", t.popular && "border-primary shadow-lg")}>
              <CardHeader>
                <div className="flex items-center justify-between">
                  <CardTitle>{t.name}</CardTitle>
                  {t.popular && <Badge>Most popular</Badge>}
                </div>
                <CardDescription>
                  <span className="text-3xl font-bold text-foreground">
                    ${yearly ? Math.round(t.monthly * 12 * 0.8) : t.monthly}
                  </span>
                  /{yearly ? "year" : "month"}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ul className="space-y-2 text-sm">
                  {t.features.map((f) => (
                    <li key={f} className="flex items-center gap-2">
                      <Check className="h-4 w-4 text-primary" /> {f}
                    </li>
                  ))}
                </ul>
              </CardContent>
              <CardFooter>
                <Button className="w-full" variant={t.popular ? "default" : "outline"}>{t.cta}</Button>
              </CardFooter>
            </Card>
          ))}
        </div>
      </div>
    </section>
  );
}
