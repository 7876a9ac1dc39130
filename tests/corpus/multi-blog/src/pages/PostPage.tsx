import type { Post } from "../posts";

export function PostPage({ post }: { post: Post }) {
  return (
    <article>
      <h1 className="font-serif text-4xl">{post.title}</h1>
      {post.body.map((paragraph, i) => (
        <p key={i} className="mt-4 leading-relaxed">{paragraph}</p>
      ))}
    </article>
  );
}
