import { Button } from 'antd';

/** A figure's count as a link-like button that opens the tickets behind it; `title` names the figure for screen readers. */
export function DrillButton({ value, title, onClick }: { value: number | string; title: string; onClick: () => void }) {
  return (
    <Button type="link" size="small" className="figures-count" title={title} onClick={onClick}>
      {value}
    </Button>
  );
}
