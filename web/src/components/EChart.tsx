import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

// Only what the charts use, drawn as SVG: a small bundle and crisp screenshots.
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** One ECharts chart in a figure; `summary` is its text alternative for screen readers. */
export function EChart({ id, title, summary, option, height }: { id: string; title: string; summary: string; option: ChartOption; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);

  useEffect(() => {
    const created = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = created;
    const resize = () => created.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      created.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current!.resize();
    chart.current!.setOption(option, { notMerge: true });
  }, [option, height]);

  return (
    <figure class="chart" id={id}>
      <figcaption>{title}</figcaption>
      <div class="chart-canvas" ref={element} role="img" aria-label={`${title}: ${summary}`} style={height === undefined ? undefined : { height: `${height}px` }} />
    </figure>
  );
}
