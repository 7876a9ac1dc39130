import * as React from "react";
import * as MenubarPrimitive from "@radix-ui/react-menubar";

import { cn } from "@/lib/utils";
import { menuParts } from "../../internal/menu";

const menu = menuParts(MenubarPrimitive, "menubar", {
  align: "start",
  alignOffset: -4,
  sideOffset: 8,
});

function Menubar({ className, ...props }: React.ComponentProps<typeof MenubarPrimitive.Root>) {
  return (
    <MenubarPrimitive.Root
      data-slot="menubar"
      className={cn(
        "flex h-9 items-center gap-1 rounded-md border bg-background p-1 shadow-xs",
        className,
      )}
      {...props}
    />
  );
}

function MenubarMenu(props: React.ComponentProps<typeof MenubarPrimitive.Menu>) {
  return <MenubarPrimitive.Menu data-slot="menubar-menu" {...props} />;
}

function MenubarTrigger({
  className,
  ...props
}: React.ComponentProps<typeof MenubarPrimitive.Trigger>) {
  return (
    <MenubarPrimitive.Trigger
      data-slot="menubar-trigger"
      className={cn(
        "flex select-none items-center rounded-sm px-2 py-1 text-sm font-medium outline-hidden focus:bg-accent focus:text-accent-foreground data-[state=open]:bg-accent data-[state=open]:text-accent-foreground",
        className,
      )}
      {...props}
    />
  );
}

const MenubarPortal = menu.Portal;
const MenubarContent = menu.Content;
const MenubarGroup = menu.Group;
const MenubarLabel = menu.Label;
const MenubarItem = menu.Item;
const MenubarCheckboxItem = menu.CheckboxItem;
const MenubarRadioGroup = menu.RadioGroup;
const MenubarRadioItem = menu.RadioItem;
const MenubarSeparator = menu.Separator;
const MenubarShortcut = menu.Shortcut;
const MenubarSub = menu.Sub;
const MenubarSubTrigger = menu.SubTrigger;
const MenubarSubContent = menu.SubContent;

export {
  Menubar,
  MenubarPortal,
  MenubarMenu,
  MenubarTrigger,
  MenubarContent,
  MenubarGroup,
  MenubarSeparator,
  MenubarLabel,
  MenubarItem,
  MenubarShortcut,
  MenubarCheckboxItem,
  MenubarRadioGroup,
  MenubarRadioItem,
  MenubarSub,
  MenubarSubTrigger,
  MenubarSubContent,
};
