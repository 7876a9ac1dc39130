// corpus: renders "Lap"
const { useState, useRef } = React;

function Stopwatch() {
  const [ms, setMs] = useState(0);
  const [laps, setLaps] = useState([]);
  const timer = useRef(null);

  const start = () => {
    if (timer.current) return;
    const began = Date.now() - ms;
    timer.current = setInterval(() => setMs(Date.now() - began), 31);
  };
  const stop = () => {
    clearInterval(timer.current);
    timer.current = null;
  };
  const fmt = (t) => `${Math.floor(t / 60000)}:${String(Math.floor(t / 1000) % 60).padStart(2, "0")}.${String(Math.floor(t / 10) % 100).padStart(2, "0")}`;

  return (
    <div className="watch">
      <h1>{fmt(ms)}</h1>
      <div className="buttons">
        <button onClick={start}>Start</button>
        <button onClick={stop}>Stop</button>
        <button onClick={() => setLaps([fmt(ms), ...laps])}>Lap</button>
        <button onClick={() => { stop(); setMs(0); setLaps([]); }}>Reset</button>
      </div>
      <ol>{laps.map((l, i) => <li key={i}>{l}</li>)}</ol>
    </div>
  );
}

const root = ReactDOM.createRoot(document.getElementById("root"));
root.render(<Stopwatch />);
