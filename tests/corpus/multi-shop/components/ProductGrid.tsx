import { useCart } from "../context/CartContext";
import { Button } from "./ui/button";

const PRODUCTS = [
  { id: 1, name: "Linen throw", price: 68 },
  { id: 2, name: "Ceramic planter", price: 34 },
  { id: 3, name: "Wool rug", price: 210 },
];

export function ProductGrid() {
  const { add } = useCart();
  return (
    <div className="grid gap-6 p-6 sm:grid-cols-3">
      {PRODUCTS.map((p) => (
        <div key={p.id} className="rounded-2xl bg-stone-100 p-5">
          <div className="mb-4 aspect-square rounded-xl bg-stone-300" />
          <h3 className="font-medium">{p.name}</h3>
          <p className="mb-3 text-stone-500">${p.price}</p>
          <Button onClick={() => add(p)}>Add to cart</Button>
        </div>
      ))}
    </div>
  );
}
