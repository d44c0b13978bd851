import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../auth/session';
import type { Messages } from '../i18n/nl';

/**
 * One screen of the console: where it lives, who may open it and whether the navigation lists it.
 * Each feature exports its views; app/views.ts gathers them, and the router and the navigation are
 * both built from that one table.
 */
export interface ConsoleView {
  /** Route path (react-router syntax), Dutch like the rest of the interface: `/casussen/:id`. */
  path: string;
  /** Roles that may open it; the navigation and the route guard both read this. */
  roles: readonly Role[];
  component: LazyExoticComponent<ComponentType> | ComponentType;
  /** Listed in the navigation under this label (a key of the `nav` messages), in `order`. */
  nav?: { label: keyof Messages['nav']; order: number };
}
