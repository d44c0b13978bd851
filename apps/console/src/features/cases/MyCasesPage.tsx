import { CaseList } from './CaseList';

export default function MyCasesPage() {
  return <CaseList mine />;
}
