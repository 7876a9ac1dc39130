import './styles.css';
import badge from './assets/badge.png';
import Logo from './assets/logo.svg?react';

export default function App() {
  return (
    <main className="flex flex-col items-start gap-4 p-6">
      <header className="flex items-center gap-3">
        <Logo className="text-indigo-600" width={40} height={40} data-testid="logo" />
        <h1 className="ledger-title text-2xl" data-testid="title">
          Ledger
        </h1>
      </header>
      <img src={badge} alt="Verified" data-testid="badge" />
      <p className="text-sm text-gray-500">Monthly statements, reconciled.</p>
    </main>
  );
}
