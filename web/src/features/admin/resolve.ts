/** The section a console path (the part after /admin_console/) opens, and the rest of the path, which the section reads. */
export function resolveSection<S extends { path: string }>(sections: S[], rest: string): { section: S; subpath: string } | undefined {
  const path = rest.replace(/^\/+|\/+$/g, '');
  let best: S | undefined;
  for (const section of sections) {
    const matches = path === section.path || path.startsWith(`${section.path}/`);
    if (matches && (!best || section.path.length > best.path.length)) best = section;
  }
  return best && { section: best, subpath: path.slice(best.path.length + 1) };
}

/** Sections grouped by `group`, groups in the order they first appear. */
export function groupSections<S extends { group: string }>(sections: S[]): Array<{ group: string; sections: S[] }> {
  const groups = new Map<string, S[]>();
  for (const section of sections) groups.set(section.group, [...(groups.get(section.group) ?? []), section]);
  return [...groups].map(([group, members]) => ({ group, sections: members }));
}
