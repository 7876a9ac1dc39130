import * as DropdownMenuPrimitive from "@radix-ui/react-dropdown-menu";

import { menuParts } from "../../internal/menu";

const menu = menuParts(DropdownMenuPrimitive, "dropdown-menu", { sideOffset: 4 });

const DropdownMenu = menu.Root;
const DropdownMenuPortal = menu.Portal;
const DropdownMenuTrigger = menu.Trigger;
const DropdownMenuContent = menu.Content;
const DropdownMenuGroup = menu.Group;
const DropdownMenuLabel = menu.Label;
const DropdownMenuItem = menu.Item;
const DropdownMenuCheckboxItem = menu.CheckboxItem;
const DropdownMenuRadioGroup = menu.RadioGroup;
const DropdownMenuRadioItem = menu.RadioItem;
const DropdownMenuSeparator = menu.Separator;
const DropdownMenuShortcut = menu.Shortcut;
const DropdownMenuSub = menu.Sub;
const DropdownMenuSubTrigger = menu.SubTrigger;
const DropdownMenuSubContent = menu.SubContent;

export {
  DropdownMenu,
  DropdownMenuPortal,
  DropdownMenuTrigger,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuLabel,
  DropdownMenuItem,
  DropdownMenuCheckboxItem,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuShortcut,
  DropdownMenuSub,
  DropdownMenuSubTrigger,
  DropdownMenuSubContent,
};
