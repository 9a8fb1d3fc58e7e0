import type { FixGenerator } from '../types.js';
import { splitStages } from './split-stages.js';

export const fixBuildToolchainInFinalImage: FixGenerator = (finding, df, ctx) => splitStages(finding, df, ctx);
