import { useEffect, useMemo, useReducer, useState } from 'react';
import {
  AlertTriangle,
  Calendar,
  CheckCircle2,
  ChevronDown,
  ChevronRight,
  Circle,
  Clock,
  Filter,
  LayoutGrid,
  List,
  MessageSquare,
  Plus,
  Search,
  Settings,
  Trash2,
  Users,
  X,
} from 'lucide-react';

type Priority = 'low' | 'medium' | 'high' | 'urgent';
type Status = 'backlog' | 'todo' | 'in-progress' | 'review' | 'done';

interface Member {
  id: string;
  name: string;
  role: string;
  color: string;
}

interface Comment {
  id: string;
  author: string;
  text: string;
  at: string;
}

interface Task {
  id: string;
  title: string;
  description: string;
  status: Status;
  priority: Priority;
  assignee?: string;
  due?: string;
  estimate: number;
  tags: string[];
  comments: Comment[];
}

interface Project {
  id: string;
  name: string;
  color: string;
  tasks: Task[];
}

const MEMBERS: Member[] = [
  { id: 'm1', name: 'Ana Lima', role: 'Design', color: 'bg-pink-500' },
  { id: 'm2', name: 'Ben Okafor', role: 'Frontend', color: 'bg-sky-500' },
  { id: 'm3', name: 'Chen Wei', role: 'Backend', color: 'bg-emerald-500' },
  { id: 'm4', name: 'Dana Fox', role: 'Product', color: 'bg-amber-500' },
];

const STATUSES: { id: Status; label: string }[] = [
  { id: 'backlog', label: 'Backlog' },
  { id: 'todo', label: 'To do' },
  { id: 'in-progress', label: 'In progress' },
  { id: 'review', label: 'Review' },
  { id: 'done', label: 'Done' },
];

const PRIORITY_STYLES: Record<Priority, string> = {
  low: 'bg-slate-100 text-slate-600',
  medium: 'bg-blue-100 text-blue-700',
  high: 'bg-orange-100 text-orange-700',
  urgent: 'bg-red-100 text-red-700',
};

function makeTask(id: number, status: Status, priority: Priority, assignee?: string): Task {
  const titles = [
    'Onboarding checklist',
    'Billing page redesign',
    'Export to CSV',
    'Search relevance tuning',
    'Invite flow emails',
    'Audit log retention',
    'Dark mode polish',
    'Webhook retries',
  ];
  return {
    id: `t${id}`,
    title: titles[id % titles.length],
    description: 'Scope, edge cases and the acceptance criteria agreed in planning.',
    status,
    priority,
    assignee,
    due: `2026-12-${String((id % 27) + 1).padStart(2, '0')}`,
    estimate: (id % 5) + 1,
    tags: id % 2 === 0 ? ['frontend'] : ['backend', 'api'],
    comments: id % 3 === 0 ? [{ id: `c${id}`, author: 'm4', text: 'Can we ship this by Friday?', at: '2h ago' }] : [],
  };
}

const INITIAL_PROJECTS: Project[] = [
  {
    id: 'p1',
    name: 'Customer portal',
    color: 'bg-indigo-500',
    tasks: [
      makeTask(1, 'todo', 'high', 'm1'),
      makeTask(2, 'in-progress', 'urgent', 'm2'),
      makeTask(3, 'review', 'medium', 'm3'),
      makeTask(4, 'done', 'low', 'm2'),
      makeTask(5, 'backlog', 'medium'),
      makeTask(6, 'todo', 'low', 'm4'),
    ],
  },
  {
    id: 'p2',
    name: 'Platform API',
    color: 'bg-teal-500',
    tasks: [
      makeTask(7, 'in-progress', 'high', 'm3'),
      makeTask(8, 'todo', 'medium', 'm3'),
      makeTask(9, 'backlog', 'low'),
      makeTask(10, 'done', 'high', 'm2'),
    ],
  },
];

type Action =
  | { type: 'add'; projectId: string; task: Task }
  | { type: 'move'; projectId: string; taskId: string; status: Status }
  | { type: 'remove'; projectId: string; taskId: string }
  | { type: 'comment'; projectId: string; taskId: string; comment: Comment }
  | { type: 'assign'; projectId: string; taskId: string; assignee?: string };

function updateTask(projects: Project[], projectId: string, taskId: string, change: (task: Task) => Task | null): Project[] {
  return projects.map((project) => {
    if (project.id !== projectId) return project;
    const tasks = project.tasks
      .map((task) => (task.id === taskId ? change(task) : task))
      .filter((task): task is Task => task !== null);
    return { ...project, tasks };
  });
}

function reducer(projects: Project[], action: Action): Project[] {
  switch (action.type) {
    case 'add':
      return projects.map((p) => (p.id === action.projectId ? { ...p, tasks: [...p.tasks, action.task] } : p));
    case 'move':
      return updateTask(projects, action.projectId, action.taskId, (t) => ({ ...t, status: action.status }));
    case 'remove':
      return updateTask(projects, action.projectId, action.taskId, () => null);
    case 'comment':
      return updateTask(projects, action.projectId, action.taskId, (t) => ({ ...t, comments: [...t.comments, action.comment] }));
    case 'assign':
      return updateTask(projects, action.projectId, action.taskId, (t) => ({ ...t, assignee: action.assignee }));
    default:
      return projects;
  }
}

function memberById(id?: string): Member | undefined {
  return MEMBERS.find((m) => m.id === id);
}

function Avatar({ member, size = 'md' }: { member?: Member; size?: 'sm' | 'md' }) {
  const dimension = size === 'sm' ? 'h-6 w-6 text-[10px]' : 'h-8 w-8 text-xs';
  if (!member) {
    return <div className={`${dimension} flex items-center justify-center rounded-full border border-dashed border-slate-300 text-slate-400`}>?</div>;
  }
  const initials = member.name
    .split(' ')
    .map((part) => part[0])
    .join('');
  return (
    <div title={member.name} className={`${dimension} ${member.color} flex items-center justify-center rounded-full font-semibold text-white`}>
      {initials}
    </div>
  );
}

function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${PRIORITY_STYLES[priority]}`}>
      {priority === 'urgent' && <AlertTriangle className="h-3 w-3" />}
      {priority}
    </span>
  );
}

function StatusIcon({ status }: { status: Status }) {
  if (status === 'done') return <CheckCircle2 className="h-4 w-4 text-emerald-500" />;
  if (status === 'in-progress') return <Clock className="h-4 w-4 text-amber-500" />;
  return <Circle className="h-4 w-4 text-slate-400" />;
}

function TaskCard({ task, onOpen }: { task: Task; onOpen: () => void }) {
  const assignee = memberById(task.assignee);
  return (
    <button
      onClick={onOpen}
      className="w-full rounded-lg border border-slate-200 bg-white p-3 text-left shadow-sm transition hover:border-indigo-300 hover:shadow"
    >
      <div className="flex items-start justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">{task.title}</p>
        <PriorityBadge priority={task.priority} />
      </div>
      <div className="mt-2 flex flex-wrap gap-1">
        {task.tags.map((tag) => (
          <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">
            #{tag}
          </span>
        ))}
      </div>
      <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
        <span className="flex items-center gap-1">
          <Calendar className="h-3 w-3" />
          {task.due ?? 'No date'}
        </span>
        <span className="flex items-center gap-2">
          {task.comments.length > 0 && (
            <span className="flex items-center gap-0.5">
              <MessageSquare className="h-3 w-3" />
              {task.comments.length}
            </span>
          )}
          <Avatar member={assignee} size="sm" />
        </span>
      </div>
    </button>
  );
}

function BoardView({ tasks, onOpen }: { tasks: Task[]; onOpen: (task: Task) => void }) {
  return (
    <div className="grid grid-cols-5 gap-4">
      {STATUSES.map((column) => {
        const columnTasks = tasks.filter((t) => t.status === column.id);
        const points = columnTasks.reduce((sum, t) => sum + t.estimate, 0);
        return (
          <section key={column.id} className="rounded-xl bg-slate-100/70 p-3">
            <header className="mb-3 flex items-center justify-between">
              <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-700">
                <StatusIcon status={column.id} />
                {column.label}
              </h3>
              <span className="text-xs text-slate-500">
                {columnTasks.length} · {points} pts
              </span>
            </header>
            <div className="space-y-2">
              {columnTasks.map((task) => (
                <TaskCard key={task.id} task={task} onOpen={() => onOpen(task)} />
              ))}
              {columnTasks.length === 0 && <p className="py-6 text-center text-xs text-slate-400">Nothing here</p>}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function ListView({ tasks, onOpen }: { tasks: Task[]; onOpen: (task: Task) => void }) {
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  return (
    <div className="divide-y rounded-xl border bg-white">
      {STATUSES.map((group) => {
        const groupTasks = tasks.filter((t) => t.status === group.id);
        const isCollapsed = collapsed[group.id];
        return (
          <div key={group.id}>
            <button
              onClick={() => setCollapsed({ ...collapsed, [group.id]: !isCollapsed })}
              className="flex w-full items-center gap-2 bg-slate-50 px-4 py-2 text-left text-sm font-semibold"
            >
              {isCollapsed ? <ChevronRight className="h-4 w-4" /> : <ChevronDown className="h-4 w-4" />}
              {group.label}
              <span className="ml-auto text-xs font-normal text-slate-500">{groupTasks.length}</span>
            </button>
            {!isCollapsed &&
              groupTasks.map((task) => (
                <div
                  key={task.id}
                  onClick={() => onOpen(task)}
                  className="grid cursor-pointer grid-cols-[1fr_120px_100px_40px] items-center gap-4 px-4 py-2 text-sm hover:bg-indigo-50/40"
                >
                  <span className="flex items-center gap-2">
                    <StatusIcon status={task.status} />
                    {task.title}
                  </span>
                  <PriorityBadge priority={task.priority} />
                  <span className="text-xs text-slate-500">{task.due}</span>
                  <Avatar member={memberById(task.assignee)} size="sm" />
                </div>
              ))}
          </div>
        );
      })}
    </div>
  );
}

function NewTaskForm({ onCreate, onCancel }: { onCreate: (task: Omit<Task, 'id' | 'comments'>) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [assignee, setAssignee] = useState<string>('');
  const [estimate, setEstimate] = useState(2);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (title.trim().length < 3) {
      setError('Give the task a title of at least 3 characters');
      return;
    }
    onCreate({
      title: title.trim(),
      description: '',
      status: 'todo',
      priority,
      assignee: assignee || undefined,
      estimate,
      tags: [],
    });
  };

  return (
    <div className="rounded-xl border bg-white p-4 shadow-lg">
      <div className="mb-3 flex items-center justify-between">
        <h3 className="font-semibold">New task</h3>
        <button onClick={onCancel} aria-label="Close">
          <X className="h-4 w-4" />
        </button>
      </div>
      <label className="block text-sm font-medium">
        Title
        <input
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
          className="mt-1 w-full rounded-md border px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
          placeholder="What needs doing?"
        />
      </label>
      {error && <p className="mt-1 text-xs text-red-600">{error}</p>}
      <div className="mt-3 grid grid-cols-3 gap-3">
        <label className="text-sm font-medium">
          Priority
          <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)} className="mt-1 w-full rounded-md border px-2 py-2 text-sm">
            {(['low', 'medium', 'high', 'urgent'] as Priority[]).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Assignee
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} className="mt-1 w-full rounded-md border px-2 py-2 text-sm">
            <option value="">Unassigned</option>
            {MEMBERS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Estimate
          <input
            type="number"
            min={1}
            max={13}
            value={estimate}
            onChange={(e) => setEstimate(Number(e.target.value))}
            className="mt-1 w-full rounded-md border px-2 py-2 text-sm"
          />
        </label>
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <button onClick={onCancel} className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
          Cancel
        </button>
        <button onClick={submit} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          Create task
        </button>
      </div>
    </div>
  );
}

function TaskDrawer({
  task,
  onClose,
  onMove,
  onRemove,
  onComment,
  onAssign,
}: {
  task: Task;
  onClose: () => void;
  onMove: (status: Status) => void;
  onRemove: () => void;
  onComment: (text: string) => void;
  onAssign: (assignee?: string) => void;
}) {
  const [draft, setDraft] = useState('');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="fixed inset-y-0 right-0 z-20 flex w-[420px] flex-col border-l bg-white shadow-2xl">
      <header className="flex items-center justify-between border-b px-5 py-4">
        <div className="flex items-center gap-2">
          <StatusIcon status={task.status} />
          <h2 className="font-semibold">{task.title}</h2>
        </div>
        <button onClick={onClose} aria-label="Close task">
          <X className="h-5 w-5" />
        </button>
      </header>
      <div className="flex-1 space-y-5 overflow-y-auto px-5 py-4">
        <p className="text-sm text-slate-600">{task.description || 'No description yet.'}</p>
        <div className="grid grid-cols-2 gap-3 text-sm">
          <span className="text-slate-500">Status</span>
          <select value={task.status} onChange={(e) => onMove(e.target.value as Status)} className="rounded-md border px-2 py-1">
            {STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
          <span className="text-slate-500">Priority</span>
          <PriorityBadge priority={task.priority} />
          <span className="text-slate-500">Assignee</span>
          <select value={task.assignee ?? ''} onChange={(e) => onAssign(e.target.value || undefined)} className="rounded-md border px-2 py-1">
            <option value="">Unassigned</option>
            {MEMBERS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <span className="text-slate-500">Estimate</span>
          <span>{task.estimate} points</span>
        </div>
        <section>
          <h3 className="mb-2 text-sm font-semibold">Comments</h3>
          <ul className="space-y-3">
            {task.comments.map((comment) => (
              <li key={comment.id} className="flex gap-2">
                <Avatar member={memberById(comment.author)} size="sm" />
                <div className="rounded-lg bg-slate-50 px-3 py-2 text-sm">
                  <p>{comment.text}</p>
                  <p className="mt-1 text-[11px] text-slate-400">{comment.at}</p>
                </div>
              </li>
            ))}
          </ul>
          <div className="mt-3 flex gap-2">
            <input
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && draft.trim()) {
                  onComment(draft.trim());
                  setDraft('');
                }
              }}
              placeholder="Write a comment…"
              className="flex-1 rounded-md border px-3 py-2 text-sm"
            />
          </div>
        </section>
      </div>
      <footer className="border-t px-5 py-3">
        <button onClick={onRemove} className="flex items-center gap-2 text-sm text-red-600 hover:text-red-700">
          <Trash2 className="h-4 w-4" /> Delete task
        </button>
      </footer>
    </aside>
  );
}

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export default function ProjectHub() {
  const [projects, dispatch] = useReducer(reducer, INITIAL_PROJECTS);
  const [projectId, setProjectId] = useState(INITIAL_PROJECTS[0].id);
  const [view, setView] = useState<'board' | 'list'>('board');
  const [query, setQuery] = useState('');
  const [priorityFilter, setPriorityFilter] = useState<Priority | 'all'>('all');
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [nextId, setNextId] = useState(100);
  const debouncedQuery = useDebounced(query, 150);

  const project = projects.find((p) => p.id === projectId) ?? projects[0];
  const visibleTasks = useMemo(() => {
    const q = debouncedQuery.toLowerCase();
    return project.tasks.filter(
      (task) =>
        (priorityFilter === 'all' || task.priority === priorityFilter) &&
        (q === '' || task.title.toLowerCase().includes(q) || task.tags.some((tag) => tag.includes(q))),
    );
  }, [project, debouncedQuery, priorityFilter]);
  const openTask = project.tasks.find((t) => t.id === openTaskId) ?? null;
  const progress = project.tasks.length === 0 ? 0 : Math.round((project.tasks.filter((t) => t.status === 'done').length / project.tasks.length) * 100);

  return (
    <div className="flex min-h-screen bg-slate-50 text-slate-900">
      <nav className="flex w-60 flex-col border-r bg-white">
        <div className="flex items-center gap-2 px-5 py-4 text-lg font-bold">
          <LayoutGrid className="h-5 w-5 text-indigo-600" /> Project Hub
        </div>
        <p className="px-5 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-400">Projects</p>
        {projects.map((p) => (
          <button
            key={p.id}
            onClick={() => {
              setProjectId(p.id);
              setOpenTaskId(null);
            }}
            className={`mx-2 flex items-center gap-2 rounded-md px-3 py-2 text-sm ${p.id === project.id ? 'bg-indigo-50 font-medium text-indigo-700' : 'hover:bg-slate-100'}`}
          >
            <span className={`h-2.5 w-2.5 rounded-full ${p.color}`} />
            {p.name}
            <span className="ml-auto text-xs text-slate-400">{p.tasks.length}</span>
          </button>
        ))}
        <div className="mt-auto border-t p-4">
          <p className="mb-2 flex items-center gap-2 text-xs font-semibold text-slate-500">
            <Users className="h-3.5 w-3.5" /> Team
          </p>
          <div className="flex -space-x-2">
            {MEMBERS.map((m) => (
              <Avatar key={m.id} member={m} />
            ))}
          </div>
          <button className="mt-4 flex items-center gap-2 text-xs text-slate-500 hover:text-slate-700">
            <Settings className="h-3.5 w-3.5" /> Settings
          </button>
        </div>
      </nav>

      <main className="flex-1 p-6">
        <header className="flex flex-wrap items-center gap-4">
          <div>
            <h1 className="text-2xl font-semibold">{project.name}</h1>
            <div className="mt-1 flex items-center gap-2 text-xs text-slate-500">
              <div className="h-1.5 w-32 overflow-hidden rounded-full bg-slate-200">
                <div className="h-full bg-emerald-500" style={{ width: `${progress}%` }} />
              </div>
              {progress}% done
            </div>
          </div>
          <div className="ml-auto flex items-center gap-2">
            <div className="relative">
              <Search className="absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
              <input
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Search tasks"
                className="w-56 rounded-md border bg-white py-2 pl-8 pr-3 text-sm"
              />
            </div>
            <div className="flex items-center gap-1 rounded-md border bg-white px-2 py-1.5 text-sm">
              <Filter className="h-4 w-4 text-slate-400" />
              <select value={priorityFilter} onChange={(e) => setPriorityFilter(e.target.value as Priority | 'all')} className="bg-transparent">
                <option value="all">All priorities</option>
                <option value="urgent">Urgent</option>
                <option value="high">High</option>
                <option value="medium">Medium</option>
                <option value="low">Low</option>
              </select>
            </div>
            <div className="flex rounded-md border bg-white">
              <button onClick={() => setView('board')} className={`p-2 ${view === 'board' ? 'bg-slate-100' : ''}`} aria-label="Board view">
                <LayoutGrid className="h-4 w-4" />
              </button>
              <button onClick={() => setView('list')} className={`p-2 ${view === 'list' ? 'bg-slate-100' : ''}`} aria-label="List view">
                <List className="h-4 w-4" />
              </button>
            </div>
            <button onClick={() => setCreating(true)} className="flex items-center gap-1 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white">
              <Plus className="h-4 w-4" /> New task
            </button>
          </div>
        </header>

        {creating && (
          <div className="mt-4 max-w-xl">
            <NewTaskForm
              onCancel={() => setCreating(false)}
              onCreate={(draft) => {
                dispatch({ type: 'add', projectId: project.id, task: { ...draft, id: `t${nextId}`, comments: [] } });
                setNextId(nextId + 1);
                setCreating(false);
              }}
            />
          </div>
        )}

        <div className="mt-6">
          {view === 'board' ? (
            <BoardView tasks={visibleTasks} onOpen={(task) => setOpenTaskId(task.id)} />
          ) : (
            <ListView tasks={visibleTasks} onOpen={(task) => setOpenTaskId(task.id)} />
          )}
        </div>
      </main>

      {openTask && (
        <TaskDrawer
          task={openTask}
          onClose={() => setOpenTaskId(null)}
          onMove={(status) => dispatch({ type: 'move', projectId: project.id, taskId: openTask.id, status })}
          onRemove={() => {
            dispatch({ type: 'remove', projectId: project.id, taskId: openTask.id });
            setOpenTaskId(null);
          }}
          onComment={(text) =>
            dispatch({
              type: 'comment',
              projectId: project.id,
              taskId: openTask.id,
              comment: { id: `c${Date.now()}`, author: 'm4', text, at: 'just now' },
            })
          }
          onAssign={(assignee) => dispatch({ type: 'assign', projectId: project.id, taskId: openTask.id, assignee })}
        />
      )}
    </div>
  );
}
