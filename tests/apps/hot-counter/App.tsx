import { Counter } from './components/Counter';
import { ThemeProvider, useTheme } from './lib/theme';

function ThemeToggle() {
  const { theme, toggle } = useTheme();
  return (
    <button type="button" data-testid="theme" onClick={toggle} className="rounded border px-3 py-1">
      Theme: {theme}
    </button>
  );
}

export default function App() {
  return (
    <ThemeProvider>
      <main className="mx-auto max-w-md space-y-4 p-6">
        <h1 className="text-xl font-semibold">Habit tracker</h1>
        <ThemeToggle />
        <Counter />
      </main>
    </ThemeProvider>
  );
}
