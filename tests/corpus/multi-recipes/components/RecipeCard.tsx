import { Clock, Users } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "./ui/card";
import { Badge } from "./ui/badge";

type Recipe = { id: number; title: string; minutes: number; servings: number; tags: string[]; ingredients: string[] };

export function RecipeCard({ recipe }: { recipe: Recipe }) {
  return (
    <Card className="overflow-hidden transition hover:-translate-y-1 hover:shadow-lg">
      <div className="h-32 bg-gradient-to-br from-orange-300 to-rose-300" />
      <CardHeader className="pb-2">
        <CardTitle className="text-lg">{recipe.title}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        <div className="flex gap-4 text-muted-foreground">
          <span className="flex items-center gap-1"><Clock className="h-4 w-4" /> {recipe.minutes} min</span>
          <span className="flex items-center gap-1"><Users className="h-4 w-4" /> {recipe.servings}</span>
        </div>
        <div className="flex flex-wrap gap-1">
          {recipe.ingredients.map((i) => (
            <Badge key={i} variant="secondary">{i}</Badge>
          ))}
        </div>
      </CardContent>
    </Card>
  );
}
