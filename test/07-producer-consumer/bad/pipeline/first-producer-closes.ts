/** Bug: each producer closes the channel when it finishes, so with several producers the first to finish cuts the others off and their remaining items are lost. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      }\n    } catch (error) {', '      }\n      channel.close();\n    } catch (error) {'],
    ['      if (!(failure && error instanceof ChannelClosedError)) fail(error);', '      if (!(error instanceof ChannelClosedError)) fail(error);'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
