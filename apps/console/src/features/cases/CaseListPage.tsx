import { CaseList } from './CaseList';

export default function CaseListPage() {
  return <CaseList mine={false} />;
}
