import { create } from "zustand";
import { nanoid } from "nanoid";

export type Contact = { id: string; name: string; company: string; lastContacted: string };

type ContactsState = {
  contacts: Contact[];
  add: (c: Omit<Contact, "id">) => void;
  remove: (id: string) => void;
};

export const useContacts = create<ContactsState>((set) => ({
  contacts: [
    { id: nanoid(), name: "Amara Okafor", company: "Northwind", lastContacted: "2026-11-20" },
    { id: nanoid(), name: "Luis Romero", company: "Globex", lastContacted: "2026-10-02" },
    { id: nanoid(), name: "Hana Sato", company: "Initech", lastContacted: "2026-11-28" },
  ],
  add: (c) => set((s) => ({ contacts: [...s.contacts, { ...c, id: nanoid() }] })),
  remove: (id) => set((s) => ({ contacts: s.contacts.filter((c) => c.id !== id) })),
}));
