import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../usage.js';
import { parseSetting } from './resolve.js';
import { envNames, type ProductSpec, type SettingSpec } from './spec.js';

/**
 * Adds a product's connection flags to its command group (`fortix fmg --url ... get ...` and
 * `fortix fmg get ... --url ...` both work). Each flag names its environment variables.
 */
export function addConnectionOptions(group: Command, product: ProductSpec): Command {
  for (const setting of product.settings) {
    const env = envNames(product, setting).join(', ');
    if (setting.kind === 'boolean') {
      group.addOption(new Option(`--${setting.key}`, `${setting.description} (env ${env})`));
      continue;
    }
    const value = new Option(`--${setting.key} <${setting.kind === 'seconds' ? 'seconds' : 'value'}>`);
    value.description = setting.secret
      ? `${setting.description} (prefer env ${env}, --${setting.key}-file or --${setting.key}-stdin)`
      : `${setting.description} (env ${env})`;
    if (setting.choices) value.choices(setting.choices);
    else if (setting.kind) value.argParser(commanderParser(setting));
    group.addOption(value);
    if (setting.secret) {
      group.addOption(new Option(`--${setting.key}-file <path>`, `read the ${setting.key} from a file`));
      group.addOption(new Option(`--${setting.key}-stdin`, `read the ${setting.key} from stdin`));
    }
  }
  return group;
}

function commanderParser(setting: SettingSpec): (value: string) => unknown {
  return (value) => {
    try {
      return parseSetting(setting, value, `--${setting.key}`);
    } catch (error) {
      if (error instanceof UsageError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}
