// corpus: renders "Cart (0)"
import { Route, Switch, Link } from "wouter";
import { CartProvider, useCart } from "./context/CartContext";
import { Button } from "./components/ui/button";
import { ProductGrid } from "./components/ProductGrid";

function Nav() {
  const { count } = useCart();
  return (
    <nav className="flex items-center justify-between border-b px-6 py-3">
      <Link href="/" className="text-lg font-bold">Leaf & Loom</Link>
      <Link href="/cart">
        <Button variant="outline">Cart ({count})</Button>
      </Link>
    </nav>
  );
}

function CartPage() {
  const { items, clear } = useCart();
  return (
    <div className="p-6">
      <h1 className="mb-4 text-xl font-semibold">Your cart</h1>
      {items.length === 0 ? <p>Nothing here yet.</p> : items.map((i) => <p key={i.id}>{i.name} × {i.qty}</p>)}
      <Button className="mt-4" onClick={clear}>Clear</Button>
    </div>
  );
}

export default function App() {
  return (
    <CartProvider>
      <Nav />
      <Switch>
        <Route path="/cart" component={CartPage} />
        <Route>
          <ProductGrid />
        </Route>
      </Switch>
    </CartProvider>
  );
}
