import { createContext, useContext, useMemo, useReducer, type ReactNode } from "react";

type Item = { id: number; name: string; price: number; qty: number };
type Action = { type: "add"; item: Omit<Item, "qty"> } | { type: "clear" };

function reducer(items: Item[], action: Action): Item[] {
  switch (action.type) {
    case "add": {
      const found = items.find((i) => i.id === action.item.id);
      return found
        ? items.map((i) => (i.id === action.item.id ? { ...i, qty: i.qty + 1 } : i))
        : [...items, { ...action.item, qty: 1 }];
    }
    case "clear":
      return [];
  }
}

const CartContext = createContext<{
  items: Item[];
  count: number;
  add: (item: Omit<Item, "qty">) => void;
  clear: () => void;
} | null>(null);

export function CartProvider({ children }: { children: ReactNode }) {
  const [items, dispatch] = useReducer(reducer, []);
  const value = useMemo(
    () => ({
      items,
      count: items.reduce((n, i) => n + i.qty, 0),
      add: (item: Omit<Item, "qty">) => dispatch({ type: "add", item }),
      clear: () => dispatch({ type: "clear" }),
    }),
    [items],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart() {
  const ctx = useContext(CartContext);
  if (!ctx) throw new Error("useCart must be used inside CartProvider");
  return ctx;
}
