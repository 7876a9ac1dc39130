// corpus: renders "Ship faster with Nimbus"
import { motion } from "framer-motion";
import { FaBolt, FaLock, FaChartLine, FaGithub, FaTwitter } from "react-icons/fa";

const FEATURES = [
  { icon: FaBolt, title: "Instant deploys", text: "Push to main and it is live in seconds." },
  { icon: FaLock, title: "Secure by default", text: "TLS, secrets and audit logs built in." },
  { icon: FaChartLine, title: "Real-time metrics", text: "See every request as it happens." },
];

export default function Landing() {
  return (
    <div className="bg-white text-gray-900">
      <nav className="flex items-center justify-between px-8 py-5">
        <span className="text-xl font-extrabold tracking-tight">Nimbus</span>
        <div className="flex gap-4 text-gray-500">
          <FaGithub className="h-5 w-5" />
          <FaTwitter className="h-5 w-5" />
        </div>
      </nav>
      <header className="px-8 py-24 text-center">
        <motion.h1 initial={{ opacity: 0, y: 20 }} animate={{ opacity: 1, y: 0 }} transition={{ duration: 0.6 }} className="text-5xl font-black md:text-6xl">
          Ship faster with Nimbus
        </motion.h1>
        <motion.p initial={{ opacity: 0 }} animate={{ opacity: 1 }} transition={{ delay: 0.3 }} className="mx-auto mt-6 max-w-xl text-lg text-gray-600">
          The deployment platform for teams who would rather build than babysit servers.
        </motion.p>
        <motion.button whileHover={{ scale: 1.05 }} whileTap={{ scale: 0.95 }} className="mt-10 rounded-full bg-black px-8 py-3 font-semibold text-white">
          Start free
        </motion.button>
      </header>
      <section className="grid gap-8 px-8 pb-24 md:grid-cols-3">
        {FEATURES.map((f, i) => (
          <motion.div key={f.title} initial={{ opacity: 0, y: 30 }} whileInView={{ opacity: 1, y: 0 }} transition={{ delay: i * 0.1 }} className="rounded-2xl border p-6">
            <f.icon className="mb-4 h-8 w-8 text-indigo-600" />
            <h3 className="text-lg font-bold">{f.title}</h3>
            <p className="mt-2 text-gray-600">{f.text}</p>
          </motion.div>
        ))}
      </section>
    </div>
  );
}
