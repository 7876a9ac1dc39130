// Inventory domain: types, seed data and pure helpers.
export type Category = 'Hardware' | 'Software' | 'Accessories' | 'Networking' | 'Storage';

export interface Product {
  id: string;
  name: string;
  category: Category;
  stock: number;
  price: number;
  reorderLevel: number;
}

export type SortKey = 'name' | 'stock' | 'price';
export type SortDirection = 'asc' | 'desc';

export const PRODUCTS: Product[] = [
  { id: 'SKU-001', name: 'Product 1', category: 'Software', stock: 37, price: 13.49, reorderLevel: 11 },
  { id: 'SKU-002', name: 'Product 2', category: 'Accessories', stock: 74, price: 16.99, reorderLevel: 12 },
  { id: 'SKU-003', name: 'Product 3', category: 'Networking', stock: 111, price: 20.49, reorderLevel: 13 },
  { id: 'SKU-004', name: 'Product 4', category: 'Storage', stock: 28, price: 23.99, reorderLevel: 14 },
  { id: 'SKU-005', name: 'Product 5', category: 'Hardware', stock: 65, price: 27.49, reorderLevel: 15 },
  { id: 'SKU-006', name: 'Product 6', category: 'Software', stock: 102, price: 30.99, reorderLevel: 16 },
  { id: 'SKU-007', name: 'Product 7', category: 'Accessories', stock: 19, price: 34.49, reorderLevel: 17 },
  { id: 'SKU-008', name: 'Product 8', category: 'Networking', stock: 56, price: 37.99, reorderLevel: 18 },
  { id: 'SKU-009', name: 'Product 9', category: 'Storage', stock: 93, price: 41.49, reorderLevel: 19 },
  { id: 'SKU-010', name: 'Product 10', category: 'Hardware', stock: 10, price: 44.99, reorderLevel: 20 },
  { id: 'SKU-011', name: 'Product 11', category: 'Software', stock: 47, price: 48.49, reorderLevel: 21 },
  { id: 'SKU-012', name: 'Product 12', category: 'Accessories', stock: 84, price: 51.99, reorderLevel: 22 },
  { id: 'SKU-013', name: 'Product 13', category: 'Networking', stock: 1, price: 55.49, reorderLevel: 23 },
  { id: 'SKU-014', name: 'Product 14', category: 'Storage', stock: 38, price: 58.99, reorderLevel: 24 },
  { id: 'SKU-015', name: 'Product 15', category: 'Hardware', stock: 75, price: 62.49, reorderLevel: 10 },
  { id: 'SKU-016', name: 'Product 16', category: 'Software', stock: 112, price: 65.99, reorderLevel: 11 },
  { id: 'SKU-017', name: 'Product 17', category: 'Accessories', stock: 29, price: 69.49, reorderLevel: 12 },
  { id: 'SKU-018', name: 'Product 18', category: 'Networking', stock: 66, price: 72.99, reorderLevel: 13 },
  { id: 'SKU-019', name: 'Product 19', category: 'Storage', stock: 103, price: 76.49, reorderLevel: 14 },
  { id: 'SKU-020', name: 'Product 20', category: 'Hardware', stock: 20, price: 79.99, reorderLevel: 15 },
  { id: 'SKU-021', name: 'Product 21', category: 'Software', stock: 57, price: 83.49, reorderLevel: 16 },
  { id: 'SKU-022', name: 'Product 22', category: 'Accessories', stock: 94, price: 86.99, reorderLevel: 17 },
  { id: 'SKU-023', name: 'Product 23', category: 'Networking', stock: 11, price: 90.49, reorderLevel: 18 },
  { id: 'SKU-024', name: 'Product 24', category: 'Storage', stock: 48, price: 93.99, reorderLevel: 19 },
  { id: 'SKU-025', name: 'Product 25', category: 'Hardware', stock: 85, price: 97.49, reorderLevel: 20 },
  { id: 'SKU-026', name: 'Product 26', category: 'Software', stock: 2, price: 100.99, reorderLevel: 21 },
  { id: 'SKU-027', name: 'Product 27', category: 'Accessories', stock: 39, price: 104.49, reorderLevel: 22 },
  { id: 'SKU-028', name: 'Product 28', category: 'Networking', stock: 76, price: 107.99, reorderLevel: 23 },
  { id: 'SKU-029', name: 'Product 29', category: 'Storage', stock: 113, price: 111.49, reorderLevel: 24 },
  { id: 'SKU-030', name: 'Product 30', category: 'Hardware', stock: 30, price: 114.99, reorderLevel: 10 },
  { id: 'SKU-031', name: 'Product 31', category: 'Software', stock: 67, price: 118.49, reorderLevel: 11 },
  { id: 'SKU-032', name: 'Product 32', category: 'Accessories', stock: 104, price: 121.99, reorderLevel: 12 },
  { id: 'SKU-033', name: 'Product 33', category: 'Networking', stock: 21, price: 125.49, reorderLevel: 13 },
  { id: 'SKU-034', name: 'Product 34', category: 'Storage', stock: 58, price: 128.99, reorderLevel: 14 },
  { id: 'SKU-035', name: 'Product 35', category: 'Hardware', stock: 95, price: 132.49, reorderLevel: 15 },
  { id: 'SKU-036', name: 'Product 36', category: 'Software', stock: 12, price: 135.99, reorderLevel: 16 },
  { id: 'SKU-037', name: 'Product 37', category: 'Accessories', stock: 49, price: 139.49, reorderLevel: 17 },
  { id: 'SKU-038', name: 'Product 38', category: 'Networking', stock: 86, price: 142.99, reorderLevel: 18 },
  { id: 'SKU-039', name: 'Product 39', category: 'Storage', stock: 3, price: 146.49, reorderLevel: 19 },
  { id: 'SKU-040', name: 'Product 40', category: 'Hardware', stock: 40, price: 149.99, reorderLevel: 20 },
  { id: 'SKU-041', name: 'Product 41', category: 'Storage', stock: 77, price: 153.49, reorderLevel: 12 },
  { id: 'SKU-042', name: 'Product 42', category: 'Storage', stock: 114, price: 156.99, reorderLevel: 12 },
  { id: 'SKU-043', name: 'Product 43', category: 'Storage', stock: 31, price: 160.49, reorderLevel: 12 },
  { id: 'SKU-044', name: 'Product 44', category: 'Storage', stock: 68, price: 163.99, reorderLevel: 12 },
  { id: 'SKU-045', name: 'Product 45', category: 'Storage', stock: 105, price: 167.49, reorderLevel: 12 },
  { id: 'SKU-046', name: 'Product 46', category: 'Storage', stock: 22, price: 170.99, reorderLevel: 12 },
  { id: 'SKU-047', name: 'Product 47', category: 'Storage', stock: 59, price: 174.49, reorderLevel: 12 },
  { id: 'SKU-048', name: 'Product 48', category: 'Storage', stock: 96, price: 177.99, reorderLevel: 12 },
  { id: 'SKU-049', name: 'Product 49', category: 'Storage', stock: 13, price: 181.49, reorderLevel: 12 },
  { id: 'SKU-050', name: 'Product 50', category: 'Storage', stock: 50, price: 184.99, reorderLevel: 12 },
  { id: 'SKU-051', name: 'Product 51', category: 'Storage', stock: 87, price: 188.49, reorderLevel: 12 },
  { id: 'SKU-052', name: 'Product 52', category: 'Storage', stock: 4, price: 191.99, reorderLevel: 12 },
  { id: 'SKU-053', name: 'Product 53', category: 'Storage', stock: 41, price: 195.49, reorderLevel: 12 },
  { id: 'SKU-054', name: 'Product 54', category: 'Storage', stock: 78, price: 198.99, reorderLevel: 12 },
  { id: 'SKU-055', name: 'Product 55', category: 'Storage', stock: 115, price: 202.49, reorderLevel: 12 },
];

export function isLowStock(product: Product): boolean {
  return product.stock <= product.reorderLevel;
}

export function inventoryValue(products: Product[]): number {
  return products.reduce((total, p) => total + p.stock * p.price, 0);
}

export function sortProducts(products: Product[], key: SortKey, direction: SortDirection): Product[] {
  const sorted = [...products].sort((a, b) => {
    const left = a[key];
    const right = b[key];
    if (typeof left === 'string' && typeof right === 'string') {
      return left.localeCompare(right);
    }
    return (left as number) - (right as number);
  });
  return direction === 'asc' ? sorted : sorted.reverse();
}

export function filterProducts(products: Product[], query: string, category: Category | 'All'): Product[] {
  const needle = query.trim().toLowerCase();
  return products.filter((p) => {
    const matchesQuery = needle === '' || p.name.toLowerCase().includes(needle) || p.id.toLowerCase().includes(needle);
    const matchesCategory = category === 'All' || p.category === category;
    return matchesQuery && matchesCategory;
  });
}

export function formatCurrency(value: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value);
}
