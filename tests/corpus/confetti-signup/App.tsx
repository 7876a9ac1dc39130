// corpus: renders "Join the waitlist"
import { useState } from "react";
import confetti from "canvas-confetti";
import { toast, Toaster } from "sonner";

export default function Waitlist() {
  const [email, setEmail] = useState("");
  const [joined, setJoined] = useState(false);
  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-tr from-sky-400 via-indigo-500 to-purple-600 p-4">
      <Toaster position="top-center" />
      <div className="w-full max-w-md rounded-2xl bg-white/95 p-8 text-center shadow-2xl backdrop-blur">
        <h1 className="text-3xl font-black text-indigo-700">Join the waitlist</h1>
        <p className="mt-2 text-gray-600">Be first to try Orbit when it launches.</p>
        {joined ? (
          <p className="mt-6 font-semibold text-green-600">You're in! 🎉</p>
        ) : (
          <form
            className="mt-6 flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (!/^\S+@\S+\.\S+$/.test(email)) {
                toast.error("That email looks off");
                return;
              }
              confetti({ particleCount: 120, spread: 70, origin: { y: 0.6 } });
              toast.success("Welcome aboard!");
              setJoined(true);
            }}
          >
            <input value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@company.com" className="flex-1 rounded-lg border px-3 py-2" />
            <button className="rounded-lg bg-indigo-600 px-4 font-semibold text-white hover:bg-indigo-700">Join</button>
          </form>
        )}
      </div>
    </div>
  );
}
