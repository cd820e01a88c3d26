import { useT } from '../../../i18n/useT';
import { columnHas, toggleRow, type PermissionColumn, type PermissionGroup, type PermissionRow, type RolePermissions } from './tree';

interface Props {
  groups: PermissionGroup[];
  columns: PermissionColumn[];
  state: RolePermissions;
  onChange: (next: RolePermissions) => void;
  readOnly: boolean;
}

/** Rows are permissions, columns the kinds of member; a box ticked for All Members counts for the admins too. */
export function PermissionTable({ groups, columns, state, onChange, readOnly }: Props) {
  const t = useT();
  const all = columns.find((c) => c.id === 'all');
  const applies = (column: PermissionColumn, row: PermissionRow): boolean =>
    Boolean(column.roles[row.scope]) && (column.id !== 'guests' || Boolean(row.guests));
  const visibleGroups = groups
    .map((g) => ({ ...g, rows: g.rows.filter((row) => columns.some((c) => applies(c, row))) }))
    .filter((g) => g.rows.length > 0);
  return (
    <table className="permission-table">
      <thead>
        <tr>
          <th scope="col">{t('admin.perm.permission')}</th>
          {columns.map((c) => (
            <th scope="col" key={c.id}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      {visibleGroups.map((group) => (
        <tbody key={group.id}>
          <tr className="permission-group">
            <th scope="rowgroup" colSpan={columns.length + 1}>
              {group.label}
            </th>
          </tr>
          {group.rows.map((row) => (
            <tr key={`${group.id}-${row.id}`} data-permission={row.id}>
              <th scope="row">{row.label}</th>
              {columns.map((column) => {
                if (!applies(column, row)) return <td key={column.id} />;
                const inherited = column.id !== 'all' && column.id !== 'guests' && all !== undefined && columnHas(state, all, row);
                const checked = inherited || columnHas(state, column, row);
                return (
                  <td key={column.id}>
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={readOnly || inherited}
                      title={inherited ? t('admin.perm.inherited') : undefined}
                      aria-label={`${row.label}: ${column.title}`}
                      onChange={(e) => onChange(toggleRow(state, column, row, e.target.checked))}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
