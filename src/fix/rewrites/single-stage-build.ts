import type { FixGenerator } from '../types.js';
import { splitStages } from './split-stages.js';

export const fixSingleStageBuild: FixGenerator = (finding, df, ctx) => splitStages(finding, df, ctx);
