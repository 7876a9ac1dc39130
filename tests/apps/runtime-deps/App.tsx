// One component per category bundle, rendered in headless Chromium against the real prebuilt
// bundles by tests/runtime_deps.rs. Each section has an id the test looks for.
import { useEffect, useState } from 'react';
import { LineChart, Line, XAxis, YAxis } from 'recharts';
import { Heart } from 'lucide-react';
import { IconContext } from 'react-icons';
import { FaGithub } from 'react-icons/fa';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { motion } from 'framer-motion';
import { create } from 'zustand';
import { DndContext } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { format } from 'date-fns';
import { useReactTable, getCoreRowModel, flexRender, createColumnHelper } from '@tanstack/react-table';
import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import Markdown from 'react-markdown';
import toast, { Toaster } from 'react-hot-toast';

const sales = [
  { month: 'Jan', total: 120 },
  { month: 'Feb', total: 180 },
  { month: 'Mar', total: 150 },
];

function Chart() {
  return (
    <div id="chart">
      <LineChart width={320} height={200} data={sales}>
        <XAxis dataKey="month" />
        <YAxis />
        <Line type="monotone" dataKey="total" stroke="#8884d8" isAnimationActive={false} />
      </LineChart>
    </div>
  );
}

const signup = z.object({ email: z.string().email('enter a valid email') });
type Signup = z.infer<typeof signup>;

function SignupForm() {
  const {
    register,
    trigger,
    formState: { errors },
  } = useForm<Signup>({ resolver: zodResolver(signup), defaultValues: { email: 'not-an-email' } });
  useEffect(() => {
    void trigger();
  }, [trigger]);
  return (
    <form id="form">
      <input {...register('email')} />
      <p id="form-error">{errors.email?.message ?? ''}</p>
    </form>
  );
}

interface CounterState {
  count: number;
  increment: () => void;
}
const useCounter = create<CounterState>((set) => ({
  count: 0,
  increment: () => set((state) => ({ count: state.count + 1 })),
}));

function Counter() {
  const count = useCounter((s) => s.count);
  const increment = useCounter((s) => s.increment);
  useEffect(() => increment(), [increment]);
  return <p id="zustand">count:{count}</p>;
}

function SortableItem({ id }: { id: string }) {
  const { attributes, listeners, setNodeRef } = useSortable({ id });
  return (
    <li ref={setNodeRef} {...attributes} {...listeners}>
      {id}
    </li>
  );
}

function Board() {
  const items = ['write', 'review', 'ship'];
  return (
    <DndContext>
      <SortableContext items={items} strategy={verticalListSortingStrategy}>
        <ul id="dnd">
          {items.map((id) => (
            <SortableItem key={id} id={id} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

interface Row {
  name: string;
  qty: number;
}
const column = createColumnHelper<Row>();
const columns = [column.accessor('name', { header: 'Name' }), column.accessor('qty', { header: 'Qty' })];

function Table() {
  const [data] = useState<Row[]>([
    { name: 'bolts', qty: 4 },
    { name: 'nuts', qty: 9 },
  ]);
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel() });
  return (
    <table id="table">
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function App() {
  useEffect(() => {
    toast('saved');
  }, []);
  return (
    <main className={clsx('app', { ready: true })}>
      <Chart />
      <span id="lucide">
        <Heart size={16} />
      </span>
      {/* The context comes from the `icons` bundle, the icon from `icons_fa`: one shared copy. */}
      <IconContext.Provider value={{ className: 'from-context' }}>
        <span id="react-icons">
          <FaGithub />
        </span>
      </IconContext.Provider>
      <SignupForm />
      <motion.div id="motion" initial={{ opacity: 0 }} animate={{ opacity: 1 }}>
        moving
      </motion.div>
      <Counter />
      <Board />
      <p id="date">{format(new Date(2024, 0, 15), 'yyyy-MM-dd')}</p>
      <Table />
      <Tabs.Root id="tabs" defaultValue="one">
        <Tabs.List>
          <Tabs.Trigger value="one">One</Tabs.Trigger>
          <Tabs.Trigger value="two">Two</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="one">first tab</Tabs.Content>
      </Tabs.Root>
      <div id="markdown">
        <Markdown>{'# Title\n\nSome *emphasis*.'}</Markdown>
      </div>
      <Toaster />
    </main>
  );
}
