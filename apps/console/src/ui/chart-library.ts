// Chart.js with only the parts the console's bar charts use (tree-shaken), in a chunk of its own
// that BarChart imports on first use.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
