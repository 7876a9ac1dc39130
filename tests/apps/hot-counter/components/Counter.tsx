import { useState } from 'react';
import { STEP, UNIT } from '../lib/settings';
import { useTheme } from '../lib/theme';

export function Counter() {
  const [count, setCount] = useState(0);
  const { theme } = useTheme();
  return (
    <section className={theme === 'dark' ? 'rounded bg-gray-900 p-4 text-white' : 'rounded bg-white p-4'}>
      <p data-testid="label">Glasses of water</p>
      <p data-testid="count">
        {count} {UNIT}
      </p>
      <button type="button" data-testid="add" onClick={() => setCount((c) => c + STEP)}>
        Add {STEP}
      </button>
    </section>
  );
}
