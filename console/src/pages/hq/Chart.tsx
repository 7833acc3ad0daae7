import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

/** An ECharts chart that follows its option and its box's width; `label` names it for screen readers. */
export function Chart({ option, label, height = 320 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  // The label is on a frame of our own: ECharts writes its own attributes on the box it draws in.
  return (
    <div role="img" aria-label={label} className="hq-chart">
      <div ref={box} style={{ width: '100%', height }} />
    </div>
  );
}
