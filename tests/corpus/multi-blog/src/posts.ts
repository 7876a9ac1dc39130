export type Post = { slug: string; title: string; date: string; excerpt: string; body: string[] };

export const posts: Post[] = [
  {
    slug: "first-frost",
    title: "First frost in the garden",
    date: "2026-11-12",
    excerpt: "The dahlias gave up overnight; the kale did not.",
    body: ["We woke to white lawns.", "By noon the kale looked better than ever."],
  },
  {
    slug: "sourdough",
    title: "A year of sourdough",
    date: "2026-10-01",
    excerpt: "Three starters, two failures, one loaf worth sharing.",
    body: ["Hydration matters more than flour.", "Patience matters more than both."],
  },
];
