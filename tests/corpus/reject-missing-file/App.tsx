// corpus: rejected file-not-found
// Published without one of its files: the build names the import and the file it looked for.
import { Header } from "./components/Header";
import { Footer } from "./components/Footer";

export default function App() {
  return (
    <div>
      <Header />
      <main className="p-8">Welcome</main>
      <Footer />
    </div>
  );
}
