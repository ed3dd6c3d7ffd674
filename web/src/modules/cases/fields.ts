import { useMemo } from 'react';
import { useApi } from '../../http.ts';
import { FIELDS_PATH } from './api.ts';
import type { FieldOption } from './api.ts';

/** The admin-editable list of fields (lĩnh vực) and a label lookup; codes show as-is until it loads. */
export function useFields(): { options: FieldOption[]; labelOf: (code: string | null | undefined) => string } {
  const { data } = useApi<FieldOption[]>(FIELDS_PATH);
  return useMemo(() => {
    const options = data ?? [];
    const byValue = new Map(options.map((o) => [o.value, o.label]));
    return { options, labelOf: (code) => (code ? (byValue.get(code) ?? code) : '') };
  }, [data]);
}
