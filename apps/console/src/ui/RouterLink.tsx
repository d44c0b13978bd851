import { Link as RouterLinkBase, NavLink, type LinkProps, type NavLinkProps } from 'react-router';

/** A client-side link with the NL Design System link style. */
export function RouterLink({ className, ...props }: LinkProps) {
  return (
    <RouterLinkBase
      className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')}
      {...props}
    />
  );
}

/** A navigation link: `aria-current="page"` on the view you are on (NavLink sets it). */
export function NavListRouterLink(props: Omit<NavLinkProps, 'className'>) {
  return <NavLink className="utrecht-link utrecht-link--html-a utrecht-nav-list__link" end {...props} />;
}
