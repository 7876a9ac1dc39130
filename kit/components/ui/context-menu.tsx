import * as ContextMenuPrimitive from "@radix-ui/react-context-menu";

import { menuParts } from "../../internal/menu";

const menu = menuParts(ContextMenuPrimitive, "context-menu");

const ContextMenu = menu.Root;
const ContextMenuPortal = menu.Portal;
const ContextMenuTrigger = menu.Trigger;
const ContextMenuContent = menu.Content;
const ContextMenuGroup = menu.Group;
const ContextMenuLabel = menu.Label;
const ContextMenuItem = menu.Item;
const ContextMenuCheckboxItem = menu.CheckboxItem;
const ContextMenuRadioGroup = menu.RadioGroup;
const ContextMenuRadioItem = menu.RadioItem;
const ContextMenuSeparator = menu.Separator;
const ContextMenuShortcut = menu.Shortcut;
const ContextMenuSub = menu.Sub;
const ContextMenuSubTrigger = menu.SubTrigger;
const ContextMenuSubContent = menu.SubContent;

export {
  ContextMenu,
  ContextMenuPortal,
  ContextMenuTrigger,
  ContextMenuContent,
  ContextMenuGroup,
  ContextMenuLabel,
  ContextMenuItem,
  ContextMenuCheckboxItem,
  ContextMenuRadioGroup,
  ContextMenuRadioItem,
  ContextMenuSeparator,
  ContextMenuShortcut,
  ContextMenuSub,
  ContextMenuSubTrigger,
  ContextMenuSubContent,
};
