import { formatDistanceToNow, parseISO } from "date-fns";

export function lastSeen(date: string): string {
  return `${formatDistanceToNow(parseISO(date))} ago`;
}

export function initials(name: string): string {
  return name
    .split(" ")
    .map((part) => part[0])
    .join("")
    .toUpperCase();
}
