// Chinese names of the visit types, for the window's lists.
export const VISIT_NAMES = { outpatient: '普通门诊', chronicOutpatient: '门诊慢性病', inpatient: '住院' } as const;
