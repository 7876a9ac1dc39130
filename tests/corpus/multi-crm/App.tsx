// corpus: renders "3 contacts"
import { ContactList } from "./components/ContactList";
import { ContactForm } from "./components/ContactForm";
import { useContacts } from "./hooks/useContacts";

export default function App() {
  const { contacts, add, remove } = useContacts();
  return (
    <div className="mx-auto grid max-w-4xl gap-6 p-6 md:grid-cols-[1fr_300px]">
      <section>
        <h1 className="mb-4 text-2xl font-bold">{contacts.length} contacts</h1>
        <ContactList contacts={contacts} onRemove={remove} />
      </section>
      <ContactForm onAdd={add} />
    </div>
  );
}
