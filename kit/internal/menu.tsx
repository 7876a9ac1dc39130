import * as React from "react";

import { cn } from "@/lib/utils";
import { CheckIcon, ChevronRightIcon, CircleIcon } from "./icons";

// Dropdown menus, context menus and menubars are the same menu on three radix primitives,
// whose parts have the same names: one set of styled parts serves all three.

export const menuItemClasses =
  "relative flex cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-hidden transition-colors focus:bg-accent focus:text-accent-foreground data-[disabled]:pointer-events-none data-[disabled]:opacity-50 [&>svg]:h-4 [&>svg]:w-4 [&>svg]:shrink-0";
export const menuContentClasses =
  "z-50 min-w-[8rem] overflow-hidden rounded-md border bg-popover p-1 text-popover-foreground shadow-md";

// biome-ignore lint/suspicious/noExplicitAny: each primitive has its own prop types
type Part = React.ComponentType<any>;

/** The parts a radix menu primitive exports. */
export interface MenuPrimitive {
  Root: Part;
  Portal: Part;
  Trigger: Part;
  Content: Part;
  Group: Part;
  Item: Part;
  CheckboxItem: Part;
  RadioGroup: Part;
  RadioItem: Part;
  ItemIndicator: Part;
  Label: Part;
  Separator: Part;
  Sub: Part;
  SubTrigger: Part;
  SubContent: Part;
}

type Props = React.ComponentProps<Part> & { className?: string; inset?: boolean };

/**
 * shadcn's styled parts over `Primitive`, each marked `data-slot="<slot>-<part>"`; `content`
 * holds the content's default props (a dropdown's `sideOffset`).
 */
export function menuParts(
  Primitive: MenuPrimitive,
  slot: string,
  content: Record<string, unknown> = {},
) {
  function plain(part: Part, name: string) {
    const dataSlot = name ? `${slot}-${name}` : slot;
    return function MenuPart(props: Props) {
      const Element = part;
      return <Element data-slot={dataSlot} {...props} />;
    };
  }

  function Content({ className, ...props }: Props) {
    return (
      <Primitive.Portal>
        <Primitive.Content
          data-slot={`${slot}-content`}
          {...content}
          className={cn(menuContentClasses, className)}
          {...props}
        />
      </Primitive.Portal>
    );
  }

  function Item({
    className,
    inset,
    variant = "default",
    ...props
  }: Props & { variant?: "default" | "destructive" }) {
    return (
      <Primitive.Item
        data-slot={`${slot}-item`}
        data-inset={inset}
        data-variant={variant}
        className={cn(
          menuItemClasses,
          inset && "pl-8",
          variant === "destructive" &&
            "text-destructive focus:bg-destructive/10 focus:text-destructive",
          className,
        )}
        {...props}
      />
    );
  }

  function CheckboxItem({ className, children, checked, ...props }: Props) {
    return (
      <Primitive.CheckboxItem
        data-slot={`${slot}-checkbox-item`}
        className={cn(menuItemClasses, "pl-8 pr-2", className)}
        checked={checked}
        {...props}
      >
        <span className="absolute left-2 flex h-3.5 w-3.5 items-center justify-center">
          <Primitive.ItemIndicator>
            <CheckIcon className="h-4 w-4" />
          </Primitive.ItemIndicator>
        </span>
        {children}
      </Primitive.CheckboxItem>
    );
  }

  function RadioItem({ className, children, ...props }: Props) {
    return (
      <Primitive.RadioItem
        data-slot={`${slot}-radio-item`}
        className={cn(menuItemClasses, "pl-8 pr-2", className)}
        {...props}
      >
        <span className="absolute left-2 flex h-3.5 w-3.5 items-center justify-center">
          <Primitive.ItemIndicator>
            <CircleIcon className="h-2 w-2 fill-current" />
          </Primitive.ItemIndicator>
        </span>
        {children}
      </Primitive.RadioItem>
    );
  }

  function Label({ className, inset, ...props }: Props) {
    return (
      <Primitive.Label
        data-slot={`${slot}-label`}
        data-inset={inset}
        className={cn("px-2 py-1.5 text-sm font-semibold", inset && "pl-8", className)}
        {...props}
      />
    );
  }

  function Separator({ className, ...props }: Props) {
    return (
      <Primitive.Separator
        data-slot={`${slot}-separator`}
        className={cn("-mx-1 my-1 h-px bg-muted", className)}
        {...props}
      />
    );
  }

  function Shortcut({ className, ...props }: React.ComponentProps<"span">) {
    return (
      <span
        data-slot={`${slot}-shortcut`}
        className={cn("ml-auto text-xs tracking-widest opacity-60", className)}
        {...props}
      />
    );
  }

  function SubTrigger({ className, inset, children, ...props }: Props) {
    return (
      <Primitive.SubTrigger
        data-slot={`${slot}-sub-trigger`}
        data-inset={inset}
        className={cn(menuItemClasses, "data-[state=open]:bg-accent", inset && "pl-8", className)}
        {...props}
      >
        {children}
        <ChevronRightIcon className="ml-auto" />
      </Primitive.SubTrigger>
    );
  }

  function SubContent({ className, ...props }: Props) {
    return (
      <Primitive.SubContent
        data-slot={`${slot}-sub-content`}
        className={cn(menuContentClasses, "shadow-lg", className)}
        {...props}
      />
    );
  }

  return {
    Root: plain(Primitive.Root, ""),
    Portal: plain(Primitive.Portal, "portal"),
    Trigger: plain(Primitive.Trigger, "trigger"),
    Group: plain(Primitive.Group, "group"),
    RadioGroup: plain(Primitive.RadioGroup, "radio-group"),
    Sub: plain(Primitive.Sub, "sub"),
    Content,
    Item,
    CheckboxItem,
    RadioItem,
    Label,
    Separator,
    Shortcut,
    SubTrigger,
    SubContent,
  };
}
