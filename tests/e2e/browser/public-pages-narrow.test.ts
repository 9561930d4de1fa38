import { describePublicPagesAt } from '../public-page-checks';
import { NARROW } from '../support';

// 375 px (the common phone) lies between 1280 and this; other files use it for the back office.
describePublicPagesAt(NARROW);
