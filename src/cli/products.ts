import { CARE_PRODUCT } from './care/product.js';
import type { ProductId, ProductSpec } from './connection/spec.js';
import { FAC_PRODUCT } from './fac/product.js';
import { FAZ_PRODUCT } from './faz/product.js';
import { FMG_PRODUCT } from './fmg/product.js';
import { SOAR_PRODUCT } from './soar/product.js';

/** Every product a profile can name (data only: importing this loads no client). */
export const PRODUCTS: readonly ProductSpec[] = [
  FMG_PRODUCT,
  FAZ_PRODUCT,
  CARE_PRODUCT,
  SOAR_PRODUCT,
  FAC_PRODUCT,
];

/** A product by id (`fortimanager`) or group (`fmg`). */
export function findProduct(name: string): ProductSpec | undefined {
  return PRODUCTS.find((p) => p.id === name || p.group === name);
}

export function productById(id: ProductId): ProductSpec | undefined {
  return PRODUCTS.find((p) => p.id === id);
}
